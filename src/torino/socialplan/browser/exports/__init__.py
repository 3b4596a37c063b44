"""@@consultation-export: a Plan's contributions as CSV, XLSX or JSON-LD."""
