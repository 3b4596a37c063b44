"""``@synopsis`` on a Plan: the synopsis PDF's status and where to download
it (GET ``?lang=``), a build started (POST ``{"lang": ...}``)."""
