"""Pieces of the 案件详情 page (dashboard/views/case_detail.py) that stand on their own."""
