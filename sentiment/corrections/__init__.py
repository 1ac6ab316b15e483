"""Corrections (人工校正): staff fix a mention's labels; the index and the model learn from them."""
