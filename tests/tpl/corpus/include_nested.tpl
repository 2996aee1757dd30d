top
  {{>OUT}}
done
