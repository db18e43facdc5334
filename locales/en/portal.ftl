# portal.ftl: the messages of the members' portal.
# Ids start with `portal-`; the French file locales/fr/portal.ftl has the same ids and variables.
