"""Cases (客诉/危机案件): model, status machine, data access and flows."""
