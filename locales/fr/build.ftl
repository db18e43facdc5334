# build.ftl : les messages de la construction d’un lot : progression, membres ignorés, échecs, fichier d’impression.
# Les identifiants commencent par `build-` ; le fichier anglais locales/en/build.ftl a les mêmes identifiants et variables.
