included A=[{{A}}] B=[{{B}}]
