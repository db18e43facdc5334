# render.ftl: the messages of rendering the Typst sources and compiling them into PDFs.
# Ids start with `render-`; the French file locales/fr/render.ftl has the same ids and variables.
