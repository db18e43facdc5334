# load.ftl: the messages of reading the campaign folder: files, YAML syntax, unknown keys.
# Ids start with `load-`; the French file locales/fr/load.ftl has the same ids and variables.
