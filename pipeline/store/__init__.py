"""Where results go: the DuckDB database, its Parquet copies, text and ALTO files."""
