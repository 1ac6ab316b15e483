"""The top floor: wires the kernel and every domain into the yuqing product (CLI, service, UI)."""
