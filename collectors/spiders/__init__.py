"""Scrapy spiders, one per source kind: they only parse pages and yield items or requests."""
