"""Alerting: YAML rules over the mention index, one alert per incident, notifications.

Entry points: `scheduled.register_jobs` (service), `notifications.notify` (other domains),
`service` (data access), `cli` (`yuqing alerts …`, `yuqing replay`).
"""
