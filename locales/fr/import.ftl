# import.ftl : les messages de l’import de tableurs (CSV, XLSX) dans les fichiers des membres.
# Les identifiants commencent par `import-` ; le fichier anglais locales/en/import.ftl a les mêmes identifiants et variables.
