# render.ftl : les messages de la mise en forme des sources Typst et leur compilation en PDF.
# Les identifiants commencent par `render-` ; le fichier anglais locales/en/render.ftl a les mêmes identifiants et variables.

## Le chargement des modèles.
render-no-templates = la campagne n’a pas de dossier de modèles `{ $path }`
render-templates-loop = boucle de liens dans le dossier
render-template-not-utf8 = le modèle n’est pas un texte UTF-8
render-template-missing = le modèle du document `{ $template }` est absent

## Messages de Tera (les modèles) et de Typst (les PDF) : leur texte est en anglais, tel qu’ils le donnent.
render-tera = Tera : { $message }
render-typst = Typst : { $message }
render-typst-hint = Typst : { $hint }

## Les filtres des modèles.
render-filter-nombre = `nombre` attend un nombre entier, pas `{ $value }`
render-filter-en-lettres = `en_lettres` écrit en lettres les nombres entiers de 0 à { $max }, pas `{ $value }`
render-filter-str = `str` attend un texte, un nombre ou `none`, pas une valeur de type { $kind }
render-filter-date = une date au format AAAA-MM-JJ est attendue, pas `{ $value }`
