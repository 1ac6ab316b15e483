"""Service recovery record (服务补救) of a case."""
