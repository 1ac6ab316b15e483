"""The playbook YAML files shipped with yuqing."""
