"""Position papers: one document (PDF, ODT or DOCX) a comment or Pledge
may carry. ``documents`` reads an upload: its type from its content, the
refusals (other types, encrypted, malformed, archives that expand past a
bound), its text, the metadata that names people, and the copy the public
may download without them. Not wired to the forms yet (see the closing
note of issue 28)."""
