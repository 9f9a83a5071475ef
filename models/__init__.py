"""Data the pipeline depends on, shipped inside the installed package as ``pipeline.models``
(see README.md here for each file's source, licence and build script)."""
