"""What a change to the registry means for citizens: comparing (compare), reading git (git), wording (render)."""
