"""Events (事件): mentions clustered online into what happened, traced from the first post."""
