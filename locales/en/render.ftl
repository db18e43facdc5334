# render.ftl: the messages of rendering the Typst sources and compiling them into PDFs.
# Ids start with `render-`; the French file locales/fr/render.ftl has the same ids and variables.

## Loading the templates.
render-no-templates = the campaign has no templates folder `{ $path }`
render-templates-loop = loop in folder
render-template-not-utf8 = the template is not UTF-8 text
render-template-missing = the document template `{ $template }` is missing

## Messages of Tera (the templates) and Typst (the PDFs): their text is English, from them.
render-tera = { $message }
render-typst = { $message }
render-typst-hint = { $hint }

## The filters of the templates.
render-filter-nombre = `nombre` expects a whole number, got `{ $value }`
render-filter-en-lettres = `en_lettres` spells whole numbers from 0 to { $max }, got `{ $value }`
render-filter-str = `str` expects a text, a number or none, got a { $kind }
render-filter-date = expected a date as YYYY-MM-DD, got `{ $value }`
