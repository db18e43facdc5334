# import.ftl: the messages of importing spreadsheets (CSV, XLSX) into member files.
# Ids start with `import-`; the French file locales/fr/import.ftl has the same ids and variables.
