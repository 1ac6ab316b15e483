"""SLA clocks counted in business hours, and their warning/breach notices."""
