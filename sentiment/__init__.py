"""Mention classification: sentiment, complaint category, urgency, keywords, plan expressions."""
