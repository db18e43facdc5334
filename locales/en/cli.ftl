# cli.ftl: the messages of the command line: help, summaries, fatal errors.
# Ids start with `cli-`; the French file locales/fr/cli.ftl has the same ids and variables.
