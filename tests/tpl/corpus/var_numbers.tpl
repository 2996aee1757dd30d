int {{I}} neg {{N}} big {{B}} float {{F}}
