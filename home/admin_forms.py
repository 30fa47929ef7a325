"""Form submissions in the admin: attachments for editors (built by the forms helper)."""
