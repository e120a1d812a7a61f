"""Notifications: reminders delivered once per account, in the app and by e-mail."""
