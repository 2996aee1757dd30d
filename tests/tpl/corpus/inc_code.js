  var x = 1;  

  // comment {{V}}
  var y = '{{V:j}}';
