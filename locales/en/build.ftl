# build.ftl: the messages of building a batch: progress, skipped members, failures, the print file.
# Ids start with `build-`; the French file locales/fr/build.ftl has the same ids and variables.
