"""Facts about the project itself, named once: the dashboard's name."""

DASHBOARD_NAME = "Belarus–EU–Ukraine Measures Dashboard"
