# portal.ftl : les messages de le portail des membres.
# Les identifiants commencent par `portal-` ; le fichier anglais locales/en/portal.ftl a les mêmes identifiants et variables.
