{{V:html_escape}}|{{V:pre_escape}}|{{V:url_query_escape}}|{{V:javascript_escape}}|{{V:json_escape}}|{{V:html_escape_with_arg=attribute}}|{{V:cleanse_css}}|{{V:url_escape_with_arg=query}}
