# render.ftl : les messages de la mise en forme des sources Typst et leur compilation en PDF.
# Les identifiants commencent par `render-` ; le fichier anglais locales/en/render.ftl a les mêmes identifiants et variables.
