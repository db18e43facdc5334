# load.ftl : les messages de la lecture du dossier de campagne : fichiers, syntaxe YAML, clés inconnues.
# Les identifiants commencent par `load-` ; le fichier anglais locales/en/load.ftl a les mêmes identifiants et variables.
