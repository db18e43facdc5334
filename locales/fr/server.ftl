# server.ftl : le serveur du portail et ce qu’il refuse au-delà d’une limite.
# Les identifiants commencent par `server-` ; le fichier anglais locales/en/server.ftl a les mêmes identifiants et variables.

## Les avertissements à l’exploitant, au démarrage et en service (sur la sortie d’erreur)

server-open-address = le portail écoute sur { $addr }, qui n’est pas une adresse de bouclage, sans --behind-proxy : servez-le derrière un proxy inverse avec TLS, sur 127.0.0.1 et avec --behind-proxy
server-forwarded-ignored = une requête est arrivée par un proxy (X-Forwarded-For) alors que le portail a été lancé sans --behind-proxy : tous les clients ont l’adresse du proxy (limites des connexions, journal) ; relancez-le avec --behind-proxy
server-accept-failed = une connexion n’a pas pu être acceptée : { $error }

## Les pages

server-error-reference = Référence de l’erreur : { $id }. Donnez-la au coordonnateur si vous l’appelez.
server-over-limit = Une valeur dépasse sa taille maximale : rien n’a été enregistré. Raccourcissez-la, puis enregistrez de nouveau.
server-too-many-saves = Trop d’enregistrements en une minute : rien n’a été enregistré. Réessayez dans un instant.
server-too-many-unknown-links = Trop de liens inconnus depuis votre adresse : réessayez dans une minute. Si vous avez copié votre lien personnel, vérifiez qu’il est entier, ou demandez-en un nouveau au coordonnateur.
