"""Adapting the deployment's model from its own staff corrections."""
