# new.ftl: the messages of creating a member file or a campaign (`adhesion new`, `adhesion init`).
# Ids start with `new-`; the French file locales/fr/new.ftl has the same ids and variables.
