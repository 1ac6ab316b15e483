"""Case tasks: playbook steps turned into owned, dated to-dos."""
