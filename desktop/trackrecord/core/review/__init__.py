"""The pre-interview review deck: building it, its content, and rendering it as text."""
