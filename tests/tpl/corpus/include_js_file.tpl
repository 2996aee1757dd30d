<script>
{{>JS}}
</script>
