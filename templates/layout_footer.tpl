{{%AUTOESCAPE context="HTML"}}{{! layout_footer.tpl: the bottom of every page }}
</main>
<footer class="footer">
  <p>Channel Center · the partner portal for indirect providers, indirect resellers and their customers</p>
</footer>
<script src="/static/app.js" defer></script>
</body>
</html>
