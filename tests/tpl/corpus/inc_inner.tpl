inner[{{Z}}]
  second
