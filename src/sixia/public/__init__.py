"""The public portal (/public/, /api/v1/public/cases): submit a matter, track it with code + phone, rate the reply."""
