"""Panel members score candidates on tablets, each on their own scale, independently."""
