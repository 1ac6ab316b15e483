"""Mention classification: sentiment, complaint flag, category, urgency, keywords; corrections."""
