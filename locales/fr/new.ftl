# new.ftl : les messages de la création d’un fichier de membre ou d’une campagne (`adhesion new`, `adhesion init`).
# Les identifiants commencent par `new-` ; le fichier anglais locales/en/new.ftl a les mêmes identifiants et variables.
