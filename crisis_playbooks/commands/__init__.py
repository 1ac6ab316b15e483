"""Typer commands of the case domain (`yuqing playbook …`, `yuqing case …`)."""
