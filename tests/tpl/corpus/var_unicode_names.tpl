{{lower_case}} {{MiXeD9}} {{_x}} {{}}
