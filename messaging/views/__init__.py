"""Messaging pages: the messaging house and lists (`pages`), one item's versions (`items`),
and the forms and workflow actions (`editing`)."""
