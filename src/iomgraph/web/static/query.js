// Fills the query box from the example picker. The page works without it (plain GET form).
(function () {
  var picker = document.getElementById("example");
  var box = document.getElementById("query");
  var data = JSON.parse(document.getElementById("examples-data").textContent);
  picker.addEventListener("change", function () {
    for (var i = 0; i < data.length; i++) {
      if (data[i].name === picker.value) { box.value = data[i].text; }
    }
  });
})();
