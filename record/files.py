"""The names of the record's single files, shared by the loader and its checks."""

ARTICLE_FILE = "article.yaml"
CHANGELOG_FILE = "changelog.yaml"
PUBLISHERS_FILE = "publishers.yaml"
EVENTS_FILE = "events.yaml"
