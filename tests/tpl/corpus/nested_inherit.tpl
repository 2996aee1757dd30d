{{#OUTER}}o={{O}}:{{#INNER}}[i={{I}} o={{O}} t={{T}}]{{/INNER}};{{/OUTER}}
